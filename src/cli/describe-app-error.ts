// A domain error as the operator reads it: "Ошибка: в школе нет класса «5б»" rather than
// the English sentence the domain code wrote. Templates cover what commands can meet;
// any other sentence is shown unchanged, after the translated "Error:".
import { createTemplateMatcher } from '../i18n/english-templates.js';
import type { Translate } from '../i18n/index.js';
import { localiseReason } from '../modules/ingestion/localise-reason.js';

const TEMPLATES: ReadonlyArray<readonly [code: string, english: string]> = [
  ['noSchool', 'no school with id {{id}}'],
  ['unknownSchool', 'unknown school "{{id}}"'],
  ['noSuchSchool', 'no such school'],
  ['noClass', 'unknown class "{{id}}" in this school (use the class id from the e-journal)'],
  ['noClass', 'no class "{{id}}" in this school'],
  ['noClass', 'no class {{id}} in school {{school}}'],
  ['classHasNoStudents', 'class "{{id}}" has no students'],
  ['noPeriod', 'no period "{{id}}" in this school'],
  ['noGuardian', 'no guardian {{id}} in school {{school}}'],
  ['unknownGuardian', 'unknown guardian "{{id}}" in this school'],
  ['noCode', 'no such code in this school: "{{code}}"'],
  ['noCode', 'no such code: "{{code}}"'],
  ['noCode', 'no such code in this school'],
  ['codeRevoked', 'this code is already revoked'],
  ['codeRedeemed', "this code has been redeemed: withdraw the guardian's consent instead (vestnik consent withdraw)"],
  ['codeChanged', 'the code changed while it was being revoked; look at it again'],
  ['codeChanged', 'a code changed while it was being replaced; run the command again'],
  ['codeStatus', 'this code is {{status}}: issue a new one (vestnik codes issue) and record the form for it'],
  ['refusalRecorded', 'a refusal is already recorded for this code'],
  ['consentRecorded', 'a signed consent is already recorded for this code: to end it use vestnik consent withdraw'],
  ['perStudent', '--per-student must be a whole number from 1 to 10, got "{{value}}"'],
  ['decisionRequired', '--decision is required (signed or refused)'],
  ['channelNeedsEmail', '--channel email needs --email'],
  ['refusedOnPaper', 'a family that refused is served on paper: --channel must be paper or left out'],
  ['optionChoice', '{{option}} must be one of {{choices}}, got "{{value}}"'],
  ['notEmail', '"{{value}}" is not an email address'],
  ['notPhone', '"{{value}}" is not a phone number'],
  ['guardianNameTooLong', 'the guardian name is longer than 200 characters'],
  ['documentDate', '--document-date must be a date like 2025-09-01, got "{{value}}"'],
  ['documentDateFuture', 'the document date {{date}} is in the future'],
  ['teacherNeedsClass', 'a teacher needs --class'],
  ['staffExists', 'a staff account for {{email}} already exists'],
  ['noStaffAccount', 'no staff account {{email}} in this school'],
  ['lastAdmin', 'this is the last active admin of the school'],
  ['classForAdmin', 'an admin has no class: leave --class out'],
  ['classTaken', 'class {{name}} already has a class teacher: {{email}}'],
  ['staffNameTooLong', 'the name is longer than {{max}} characters'],
  ['nothingToChange', 'nothing to change: give --role, --class or --name'],
  ['schoolNameEmpty', 'the school name is empty'],
  ['timeZone', 'unknown time zone "{{zone}}": use an IANA name such as Europe/Moscow or Asia/Vladivostok'],
  ['retentionDays', '{{name}}: "{{value}}" must be a whole number of days from {{min}} to {{max}}'],
  ['noRetentionPeriod', 'no retention period given'],
  ['botUsername', '"{{value}}" is not a {{channel}} bot username'],
  ['binaryFormat', 'this format is binary: give a file with --out'],
  ['cannotRead', 'cannot read {{file}}'],
  ['noBackupFile', 'no backup file {{file}}'],
  ['notBackup', '{{file}} is not a Vestnik backup, or it is damaged'],
  ['databaseUnreachable', 'the database is not reachable; try again later'],
  ['changedMeanwhile', 'the data changed while this batch was written; send it again'],
];

const match = createTemplateMatcher(TEMPLATES);

/** Every code, for the test that each has a text in every language. */
export const CLI_ERROR_CODES: readonly string[] = [...new Set(TEMPLATES.map(([code]) => code))];

export function describeAppError(t: Translate, message: string): string {
  const found = match(message);
  if (!found) return t('cli:error', { message: localiseReason(t, message) });
  const params = found.code === 'codeStatus' ? { status: t(`consent:status.${found.params.status}`) } : found.params;
  return t('cli:error', { message: t(`cli:errors.${found.code}`, params) });
}
