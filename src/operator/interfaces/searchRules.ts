/**
 * `common/searchrule` (INTERFACES §3.2, py-expressway's SearchRule): POST requires Priority, Name and
 * TargetName and answers **201** `{"Message": "Successfully created the Search Rule"}`; GET lists them.
 * The rules live in the replicated configuration (`Zones Policy SearchRules Rule n …`), so a rule
 * created on the primary reaches every peer like any dial-plan change.
 *
 * assumptions (the product's rules are NOT FOUND): a duplicate name answers 200 with
 * "Search Rule name already exists" and changes nothing (the pattern py-expressway's mocks show for
 * neighbor zones); the target must be `LocalZone` or a configured zone's name; 4 slots (schema).
 */
import { guarded, integer, object, only, reply, requiredText } from './body.js';
import { badRequest, MESSAGES, perform, type Resource } from './restCommon.js';

const SLOTS = [1, 2, 3, 4] as const;
const ZONES = [1, 2, 3, 4] as const;
const ruleKey = (n: number, leaf: 'Name' | 'Priority' | 'Target Name') => `Zones Policy SearchRules Rule ${n} ${leaf}`;
export const SEARCH_RULE_EXISTS = 'Search Rule name already exists';
/** The zone every system has (INTERFACES §2.4: LocalZone in every status document). */
const LOCAL_ZONE = 'LocalZone';

export const SEARCH_RULES: Resource = {
  path: 'common/searchrule',
  methods: {
    GET: ({ twin, peer }) => {
      const saved = twin.observe(peer).saved;
      return reply(200, SLOTS.filter((n) => saved[ruleKey(n, 'Name')] !== '').map((n) => ({
        Name: saved[ruleKey(n, 'Name')], Priority: saved[ruleKey(n, 'Priority')], TargetName: saved[ruleKey(n, 'Target Name')],
      })));
    },
    POST: guarded((ctx, body) => {
      const b = object(body);
      only(b, ['Priority', 'Name', 'TargetName']);
      const priority = integer(b, 'Priority', 1, 65534);
      const name = requiredText(b, 'Name').trim();
      const target = requiredText(b, 'TargetName').trim();
      if (name === '') return badRequest('Name must not be empty');
      const saved = ctx.twin.observe(ctx.peer).saved;
      if (SLOTS.some((n) => saved[ruleKey(n, 'Name')] === name)) return reply(200, { Message: SEARCH_RULE_EXISTS });
      const zones = [LOCAL_ZONE, ...ZONES.map((n) => String(saved[`Zones Zone ${n} Name`] ?? '')).filter((z) => z !== '')];
      if (!zones.includes(target)) return badRequest(`TargetName ${target} is not a zone (zones: ${zones.join(', ')})`);
      const slot = SLOTS.find((n) => saved[ruleKey(n, 'Name')] === '');
      if (slot === undefined) return badRequest(`The twin holds ${SLOTS.length} search rules; delete one first`);
      const set = { [ruleKey(slot, 'Name')]: name, [ruleKey(slot, 'Priority')]: priority, [ruleKey(slot, 'Target Name')]: target };
      return perform(ctx, { kind: 'page', peer: ctx.peer, page: 'call-routing', set }, { status: 201, message: MESSAGES.searchRuleCreated });
    }),
  },
};
