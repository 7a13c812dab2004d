import { quizSubcommand } from './commands/quiz';
import { tourSubcommand } from './commands/tour';
import type { Topic } from './content/load';
import { AppHome, type PlaygroundHome } from './home/home';
import type { Message } from './message';
import type { Logger } from './ops/log';
import { quizActions } from './quiz/actions';
import { QuizDesk } from './quiz/desk';
import { loadQuizQuestions, type QuizQuestion } from './quiz/questions';
import type { QuizStore } from './quiz/store';
import { tourActions } from './tour/actions';
import { loadTourSteps, type TourStep } from './tour/steps';
import type { TourStore } from './tour/store';
import { Tour } from './tour/tour';
import type { ActionHandler, Person, Subcommand, Surfaces } from './transport';

/** The tour's steps and the quiz's questions, loaded and checked against the topics and demos. */
export interface LearningContent {
  steps: TourStep[];
  questions: QuizQuestion[];
  topics: readonly Topic[];
  /** The demo catalogue: tour steps name a demo (and show its playground commands), the App Home lists them. */
  demos: readonly LearningDemo[];
}

/** A catalogue demo as the learning path uses it; `try` is its narrative's `/docker try …` line. */
export interface LearningDemo {
  id: string;
  title: string;
  try?: string;
}

/**
 * Loads `content/tour` and `content/quiz`; a malformed file throws a ContentError naming the file and the field,
 * which stops start-up (so call it before opening anything that needs closing).
 */
export function loadLearning(
  contentDir: string,
  topics: readonly Topic[],
  demos: readonly LearningDemo[],
): LearningContent {
  const steps = loadTourSteps(
    topics,
    demos.map((d) => d.id),
    contentDir,
  );
  return {
    steps: steps.map((step) => ({ ...step, tryIt: demos.find((d) => d.id === step.demo)?.try })),
    questions: loadQuizQuestions(topics, contentDir),
    topics,
    demos,
  };
}

export interface LearningSetup {
  content: LearningContent;
  tourStore: TourStore;
  quizStore: QuizStore;
  /** The channels that get daily tips, for the App Home. */
  tipChannels: () => Promise<string[]>;
  /** Slack's DM, edits and App Home; none in the console. */
  surfaces?: Surfaces;
  logger: Logger;
  /** The playground's part of the App Home: a person's containers there. */
  playground?: PlaygroundHome;
}

export interface Learning {
  tour: Tour;
  quiz: QuizDesk;
  home: AppHome;
  /** `/docker tour` and `/docker quiz`, for the router. */
  subcommands: Subcommand[];
  /** The tour's and the quiz's buttons, for the ActionRegistry. */
  actions: ActionHandler[];
  /** A channel quiz in place of the daily tip (TIP_QUIZ_DAYS); throws when there are no questions. */
  dailyQuiz(channelId: string): Promise<Message>;
}

/**
 * The learning path (issue 11): the guided tour, the quiz and each person's App Home, which shows both and
 * is published again whenever either moves on.
 */
export function setUpLearning(setup: LearningSetup): Learning {
  const { surfaces, logger, content } = setup;
  // The App Home reads the tour and the quiz, which tell it when to refresh: built last, reached through this.
  const refresh = (person: Person): Promise<void> => home.refresh(person);
  const tour = new Tour({
    steps: content.steps,
    store: setup.tourStore,
    surfaces,
    onProgress: refresh,
  });
  const quiz = new QuizDesk({
    questions: content.questions,
    store: setup.quizStore,
    surfaces,
    onAnswer: refresh,
    tourCounts: () => tour.counts(),
  });
  const home = new AppHome({
    tour,
    quiz,
    topics: content.topics,
    demos: content.demos,
    tipChannels: setup.tipChannels,
    surfaces,
    logger: logger.child('home'),
    playground: setup.playground,
  });
  return {
    tour,
    quiz,
    home,
    subcommands: [tourSubcommand(tour), quizSubcommand(quiz)],
    actions: [...tourActions(tour), ...quizActions(quiz)],
    async dailyQuiz(channelId) {
      const message = await quiz.openChannelQuiz(channelId);
      if (!message) throw new Error('there are no quiz questions (content/quiz is empty)');
      return message;
    },
  };
}
