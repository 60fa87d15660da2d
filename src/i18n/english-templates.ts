// Domain code writes its errors in English (logs, the API's stable texts). To show one to
// a person in their language, its sentence is matched against templates such as
// 'unknown class "{{id}}"' and the matching code names a locale text, with the values
// taken from the sentence. A sentence no template knows is shown as it is.

export interface MatchedTemplate {
  code: string;
  params: Record<string, string>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Templates are tried in order: put a longer one before a shorter one it contains. */
export function createTemplateMatcher(templates: ReadonlyArray<readonly [code: string, english: string]>): (text: string) => MatchedTemplate | undefined {
  const compiled = templates.map(([code, english]) => {
    const names: string[] = [];
    const source = english
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        if (!name) return escape(part);
        names.push(name);
        return '(.+?)';
      })
      .join('');
    return { code, names, pattern: new RegExp(`^${source}$`, 's') };
  });
  return (text) => {
    for (const { code, names, pattern } of compiled) {
      const match = pattern.exec(text);
      if (match) return { code, params: Object.fromEntries(names.map((name, i) => [name, match[i + 1] ?? ''])) };
    }
    return undefined;
  };
}
