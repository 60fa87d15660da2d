import type { Translate } from '../../i18n/index.js';
import type { AuditLine } from './query-audit-lines.js';
import type { AuditNames } from './resolve-audit-names.js';

export interface AuditSentence {
  /** Who, in words: "Ольга Петрова (администратор)", "Родитель Иванова А.", "Система". */
  actor: string;
  /** What they did to what: "выданы 25 кодов для 5А". */
  sentence: string;
}

/** "Иванова Анна Сергеевна" → "Иванова А.": a parent is named as staff would write it in a register. */
export function shortPersonName(fullName: string): string {
  const [surname, first] = fullName.trim().split(/\s+/);
  return first ? `${surname} ${first.charAt(0).toUpperCase()}.` : (surname ?? '');
}

function describeActor(line: AuditLine, names: AuditNames, t: Translate): string {
  const id = line.actorId ?? '';
  switch (line.actorType) {
    case 'admin':
    case 'teacher': {
      const person = names.staff.get(id);
      // The role written at the time: someone promoted later acted then as a teacher.
      return person ? t('audit:actor.staff', { name: person.name, role: t(`audit:actor.role.${line.actorType}`) }) : t('audit:actor.unknownStaff');
    }
    case 'guardian': {
      const name = names.guardians.get(id);
      return name ? t('audit:actor.guardian', { name: shortPersonName(name) }) : t('audit:actor.guardianErased');
    }
    case 'api': {
      const prefix = names.apiKeys.get(id);
      return prefix ? t('audit:actor.api', { prefix }) : t('audit:actor.apiUnknown');
    }
    default:
      return t(`audit:actor.${line.actorType}`, { defaultValue: line.actorType });
  }
}

/** One line of the log as a sentence, with every id already resolved in `names`. */
export function describeAuditEntry(line: AuditLine, names: AuditNames, t: Translate): AuditSentence {
  const details = (line.details[0] ?? {}) as Record<string, unknown>;
  const resolved = line.targetIds.map((id) => names.targets.get(id));
  const classes = [...new Set(resolved.map((r) => r?.className).filter((c): c is string => !!c))];
  const first = line.targetIds[0];
  const target = resolved[0]?.name ?? (line.targetType === 'school' ? names.schoolName : first ? `${first.slice(0, 8)}…` : '');
  const channel = typeof details.channel === 'string' ? t(`audit:channel.${details.channel}`, { defaultValue: details.channel }) : '';
  const values: Record<string, unknown> = {
    target,
    class: classes.join(', ') || (typeof details.className === 'string' ? details.className : ''),
    channel,
    details,
    defaultValue: line.action,
  };
  // A single entry reads with its object named; several alike read with their count.
  if (line.count > 1) values.count = line.count;
  return { actor: describeActor(line, names, t), sentence: t(`audit:sentence.${line.action}`, values) };
}
