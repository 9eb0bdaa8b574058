// The shared PostGraphile peer config plus one smart tag. As shipped, PostGraphile 5 gives jsonb
// columns no filter (jsonb has no "natural equality", so `attribute:filterBy` is off by default) and
// the peer's own q2 ({data: {contains: ...}}) fails validation with
// 'Field "data" is not defined by type "CustomerFilter"'. This opts customer.data back in so q2
// runs the JSONB containment it was written for; nothing else changes.
import base from "./graphile.config.mjs";
import { jsonPgSmartTags } from "postgraphile/utils";

const dataFilter = jsonPgSmartTags({
  version: 1,
  config: { class: { customer: { attribute: { data: { tags: { behavior: ["+attribute:filterBy"] } } } } } },
});

export default { ...base, plugins: [...(base.plugins ?? []), dataFilter] };
