/**
 * The links a new lab hands out, kept in this tab's sessionStorage so the trainer view can show the
 * student link after navigating to the trainer link (the API gives the student token only once,
 * in the answer to POST /api/labs).
 */

const key = (labId) => `xtwin.links.${labId}`;

export function rememberLinks(created) {
  try {
    sessionStorage.setItem(key(created.id), JSON.stringify(created.links));
  } catch {
    // Storage off (private mode): the links were shown on the start page.
  }
}

/** `{ trainer, student }` as absolute URLs, or undefined when this tab did not create the lab. */
export function recalledLinks(labId) {
  let links;
  try {
    links = JSON.parse(sessionStorage.getItem(key(labId)) ?? 'null');
  } catch {
    return undefined;
  }
  return links ? absoluteLinks(links) : undefined;
}

export function absoluteLinks(links) {
  return { trainer: new URL(links.trainer, location.origin).href, student: new URL(links.student, location.origin).href };
}
