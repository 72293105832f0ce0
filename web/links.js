/** A lab's links (the API gives them relative to the server) as absolute URLs to hand out. */
export function absoluteLinks(links) {
  return { trainer: new URL(links.trainer, location.origin).href, student: new URL(links.student, location.origin).href };
}
