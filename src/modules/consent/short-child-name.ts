/**
 * How the bot names a child before the chat is linked: first name and the surname's
 * initial ("Иван П."), enough for a parent to recognise, too little to identify.
 * Journals write "Surname Name Patronymic", so the surname comes first.
 */
export function shortChildName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return words[0] ?? '';
  const [surname, firstName] = words as [string, string];
  return `${firstName} ${surname.charAt(0).toUpperCase()}.`;
}
