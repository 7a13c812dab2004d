import type { ActionHandler } from '../transport';
import type { Tour } from './tour';

/** Next and Back (and Start on the App Home): the value is the step to show, or the end of the tour. */
export const TOUR_GO_ACTION = 'tour_go';
/** An answer to a step's check question: `<step id>:<option number>`. */
export const TOUR_CHECK_ACTION = 'tour_check';
/** Continue (App Home) or Start the tour: shows the person's current step in a new message in their DM. */
export const TOUR_CONTINUE_ACTION = 'tour_continue';
/** Start over, at the end of the tour or on the App Home. */
export const TOUR_RESTART_ACTION = 'tour_restart';

/** The tour's buttons; every value is checked again by the tour. */
export function tourActions(tour: Tour): ActionHandler[] {
  return [
    {
      id: TOUR_GO_ACTION,
      name: 'moving through the tour',
      handle: (value, request, output) => tour.go(request, value, output),
    },
    {
      id: TOUR_CHECK_ACTION,
      name: 'answering a tour check',
      handle: (value, request, output) => tour.check(request, value, output),
    },
    {
      id: TOUR_CONTINUE_ACTION,
      name: 'continuing the tour',
      handle: (_value, request, output) => tour.open(request, output, { restart: false }),
    },
    {
      id: TOUR_RESTART_ACTION,
      name: 'restarting the tour',
      handle: (_value, request, output) => tour.open(request, output, { restart: true }),
    },
  ];
}
