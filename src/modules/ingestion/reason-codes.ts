// Row errors are written in English where they arise (zod schemas, reference look-ups,
// the file reader), and that English text stays in the API's `reason` for programs that
// already read it. People get the same problem in their language: each English sentence
// is matched here to a stable code with its parameters, and the code names a locale text
// (`ingestion:reason.<code>`). A sentence no template knows keeps its English text.
import { createTemplateMatcher, type MatchedTemplate } from '../../i18n/english-templates.js';

/** In order: a longer template comes before a shorter one that would also match. */
const TEMPLATES: ReadonlyArray<readonly [code: string, english: string]> = [
  ['required', 'is required'],
  ['object', 'must be an object'],
  ['array', 'must be an array'],
  ['empty', 'must not be empty'],
  ['tooLong', 'must be at most {{max}} characters'],
  ['tooLong', 'Too big: expected string to have <={{max}} characters'],
  ['tooManyItems', 'Too big: expected array to have <={{max}} items'],
  ['atMost', 'Too big: expected number to be <={{max}}'],
  ['atLeast', 'Too small: expected number to be >={{min}}'],
  ['greaterThan', 'Too small: expected number to be >{{min}}'],
  ['atMost', 'must be at most {{max}}'],
  ['nul', 'must not contain NUL characters (U+0000)'],
  ['control', 'must not contain control characters ({{codePoint}})'],
  ['surrogate', 'must not contain unpaired UTF-16 surrogates ({{codePoint}})'],
  ['stringOrWholeNumber', 'must be a string or a whole number'],
  ['date', 'must be a date YYYY-MM-DD'],
  ['notRealDate', 'is not a real calendar date'],
  ['finalOrDeferred', 'must be final or deferred'],
  ['oneOf', 'must be one of {{allowed}}'],
  ['notBefore', 'must not be before {{other}}'],
  ['wholeNumberRange', 'must be a whole number from {{min}} to {{max}}'],
  ['email', 'must be an email address'],
  ['number', 'must be a number'],
  ['positive', 'must be greater than 0'],
  ['requiredForFinal', 'is required for a final mark'],
  ['emptyForDeferred', 'must be empty for a deferred mark'],
  ['notNegative', 'must not be negative'],
  ['notAbove', 'must not exceed {{other}}'],
  ['time', 'must be a time HH:MM'],
  ['requiredForSubstitution', 'is required for a substitution'],
  ['movedNeedsTarget', 'a moved lesson needs newDate or newNumber'],
  ['unknownStudent', 'unknown student "{{id}}"'],
  ['unknownSubject', 'unknown subject "{{id}}"'],
  ['unknownClass', 'unknown class "{{id}}"'],
  ['unknownTeacher', 'unknown teacher "{{id}}"'],
  ['unknownPeriod', 'unknown period "{{id}}"'],
  ['unknownLesson', 'unknown lesson "{{id}}"'],
  ['unknownMark', 'unknown mark "{{id}}"'],
  ['duplicate', 'duplicate of row {{row}} in the same batch'],
  ['outsidePeriods', '{{date}} is outside every period of the school'],
  ['extraCell', 'has a value in column {{column}}, past the {{columns}} columns of the header'],
  ['extraFields', 'has {{fields}} fields but the header has {{columns}}; quote a field that contains the delimiter'],
  ['noColumn', 'the header line has no "{{column}}" column'],
  ['emptyFile', 'the file is empty: the first line must name the columns'],
  ['bodyObject', 'the body must be a JSON object with {{keys}}'],
  ['invalidType', 'Invalid input: expected {{expected}}, received {{received}}'],
  ['invalidBody', 'the body is invalid; nothing was written'],
  ['notCsv', 'the file is not valid CSV: {{detail}}'],
  ['notXlsx', 'the file is not a valid XLSX workbook: {{detail}}'],
];

export type ReasonCode = MatchedTemplate;

/** The code of an English row-error sentence, or undefined for one no template knows. */
export const reasonCode = createTemplateMatcher(TEMPLATES);

/** Every code a row error can carry, for the test that each has a text in every language. */
export const REASON_CODES: readonly string[] = [...new Set(TEMPLATES.map(([code]) => code))];
