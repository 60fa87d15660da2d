// Names for the demo school: plausible Russian names, clearly invented.
export const SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков',
  'Соловьёв', 'Васильев', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв', 'Фёдоров',
  'Михайлов', 'Беляев', 'Тарасов', 'Белов', 'Комаров', 'Орлов', 'Киселёв', 'Макаров', 'Андреев', 'Ковалёв',
];
export const BOYS = ['Александр', 'Михаил', 'Максим', 'Артём', 'Лев', 'Марк', 'Иван', 'Матвей', 'Дмитрий', 'Тимофей', 'Кирилл', 'Егор'];
export const GIRLS = ['София', 'Анна', 'Мария', 'Алиса', 'Ева', 'Виктория', 'Полина', 'Варвара', 'Александра', 'Василиса', 'Дарья', 'Ксения'];

export const TEACHERS = [
  'Орлова Наталья Викторовна',
  'Белов Сергей Андреевич',
  'Комарова Ирина Олеговна',
  'Тарасова Елена Михайловна',
  'Макаров Павел Ильич',
  'Киселёва Ольга Петровна',
];

/** Subject, its teacher (index into TEACHERS), and whether it is graded pass/fail. */
export const SUBJECTS: Array<{ id: string; name: string; teacher: number; passFail?: boolean }> = [
  { id: 'math', name: 'Математика', teacher: 0 },
  { id: 'rus', name: 'Русский язык', teacher: 1 },
  { id: 'lit', name: 'Литература', teacher: 1 },
  { id: 'eng', name: 'Английский язык', teacher: 2 },
  { id: 'hist', name: 'История', teacher: 3 },
  { id: 'pe', name: 'Физическая культура', teacher: 4, passFail: true },
];

/** Homework and test topics by subject id, so the demo reads like a real journal. */
export const HOMEWORK: Record<string, string[]> = {
  math: ['Решить № 214, 215', '§ 12, упр. 3–5', 'Повторить таблицу умножения'],
  rus: ['Выучить правило на с. 48', 'Упр. 312 письменно'],
  lit: ['Прочитать главу 4', 'Подготовить пересказ', 'Выучить стихотворение наизусть'],
  eng: ['Выучить слова раздела 3', 'Workbook p. 24, ex. 1–3'],
  hist: ['§ 9, ответить на вопросы', 'Подготовить сообщение о Древнем Египте'],
};
export const TOPICS: Record<string, string[]> = {
  math: ['Обыкновенные дроби', 'Делимость чисел'],
  rus: ['Правописание приставок', 'Морфемика'],
  lit: ['Сказки Пушкина', 'Басни Крылова'],
  eng: ['Present Simple', 'Numbers and dates'],
  hist: ['Древний Египет', 'Древняя Греция'],
};
export const RECOMMENDATIONS = [
  'Стоит больше читать вслух дома, 15 минут в день.',
  'Хорошая работа на уроках; обратите внимание на аккуратность в тетради.',
  'Пропущены две самостоятельные: нужно написать их до конца четверти.',
  'Рекомендую дополнительное занятие по дробям в четверг после уроков.',
];

/** Every demo school is the same: its names and marks come from a seeded generator. */
export { createSeededRandom as createRandom } from '../../lib/seeded-random.js';
