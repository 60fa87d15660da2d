/** The generated module's source text, compiled afresh from email-layout.mjml. */
export function compileEmailLayout(): Promise<string>;
