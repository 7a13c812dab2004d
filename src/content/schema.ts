import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes');
const lowercase = z
  .string()
  .min(1)
  .max(40)
  .refine((s) => s === s.toLowerCase() && s.trim() === s, 'must be lowercase with no surrounding spaces');
const oneLine = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/[\r\n]/.test(s), 'must be a single line');

/** A question people ask, as they might type it: what a section or tip answers (training phrases). */
const phrasing = oneLine(300);
const phrasings = z.array(phrasing).max(30, 'must list at most 30 phrasings');

export const TopicFrontMatter = z.strictObject({
  id: slug,
  title: oneLine(80),
  summary: oneLine(200),
  aliases: z.array(lowercase).default([]),
  keywords: z.array(lowercase).default([]),
  related: z.array(slug).default([]),
  demo: slug.optional(),
  compare: z
    .strictObject({
      left: oneLine(40),
      right: oneLine(40),
      rows: z
        .array(z.strictObject({ aspect: oneLine(40), left: oneLine(300), right: oneLine(300) }))
        .min(2)
        .max(10),
    })
    .optional(),
  /** Questions each section answers, keyed by the slug of its heading (`what-is-a-container`). */
  asks: z.record(slug, phrasings).default({}),
  /**
   * A question that names only these two concepts ("image vs container") asks how they relate: this topic's
   * sections answer it.
   */
  relates: z.tuple([lowercase, lowercase]).optional(),
});

export const TipFrontMatter = z.strictObject({
  id: slug.max(48),
  title: oneLine(70),
  topic: slug,
  example: oneLine(120).refine((s) => !s.startsWith('$'), 'must be the command alone, without a $ prompt'),
  /** Questions this tip answers on its own. */
  asks: phrasings.default([]),
});

/** `content/demos/<id>.md`: the words around a live demo. */
export const NarrativeFrontMatter = z.strictObject({
  id: slug,
  title: oneLine(80),
  summary: oneLine(200),
  topic: slug,
  /** The summary's last line: playground commands to do the same yourself (`` `/docker try …` ``). */
  try: oneLine(240).refine((line) => line.includes('`/docker try '), 'must name a `/docker try …` command'),
});

/**
 * A multiple-choice question: 3 or 4 different options (button labels, so short), and `answer`, the number
 * (from 1) of the right one.
 */
const choices = {
  question: oneLine(300),
  options: z
    .array(oneLine(75))
    .min(3, 'must list 3 or 4 options')
    .max(4, 'must list 3 or 4 options')
    .refine((options) => new Set(options).size === options.length, 'must all be different'),
  answer: z.number().int('must be a whole number').min(1, 'must be the number of an option, from 1'),
};

/** `answer` must number one of the options. */
const answerInRange = (value: { options: string[]; answer: number }, ctx: z.RefinementCtx) => {
  if (value.answer > value.options.length)
    ctx.addIssue({
      code: 'custom',
      path: ['answer'],
      message: `must be the number of an option, from 1 to ${value.options.length}`,
    });
};

/** `content/tour/<id>.md`: one step of the guided tour; the body is a few sentences. */
export const TourStepFrontMatter = z.strictObject({
  id: slug.max(48),
  /** Where the step comes in the tour: 1 first; each step its own number. */
  order: z.number().int('must be a whole number').min(1, 'must be 1 or more'),
  title: oneLine(60),
  /** The topic to read for more. */
  topic: slug,
  /** The live demo that shows what the step says. */
  demo: slug,
  /** One question to check the step was understood, and a sentence on why the answer is right. */
  check: z.strictObject({ ...choices, explain: oneLine(300) }).superRefine(answerInRange),
});

/** `content/quiz/<id>.md`: a quiz question; wrong options are real misconceptions, the body explains. */
export const QuizQuestionFrontMatter = z
  .strictObject({ id: slug.max(48), topic: slug, ...choices })
  .superRefine(answerInRange);

export type TopicFront = z.infer<typeof TopicFrontMatter>;
export type TipFront = z.infer<typeof TipFrontMatter>;
