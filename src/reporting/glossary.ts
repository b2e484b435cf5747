/**
 * What every column and code of the reports means, in one place: the sheet headers, the Read me
 * sheet and the README's column list all come from here. Keys are the canonical (CSV) names.
 */
export const COLUMN_GLOSSARY: Readonly<Record<string, { readonly title: string; readonly meaning: string }>> = {
  // Summary
  section: { title: 'Section', meaning: 'which part of the claim the row describes' },
  item: { title: 'Item', meaning: 'what the row counts or states' },
  number: { title: 'Number', meaning: 'the count, in the unit beside it' },
  unit: { title: 'Unit', meaning: 'what the number counts: families, rows, pairs or decisions' },
  amount: { title: 'Amount', meaning: 'payment in pounds' },
  date: { title: 'Date', meaning: 'a date of the claim window' },
  value: { title: 'Value', meaning: 'a text value: an id, a version or a file hash' },
  // Claims, Not claimed, Spot check, Evidence
  family_ref: { title: 'Family ref', meaning: "the family's reference on the early-help list" },
  route: { title: 'Route', meaning: 'SSP (significant and sustained progress: every problem met its outcome) or CE (continuous employment: an adult moved into work)' },
  attachment_date: { title: 'Attached on', meaning: 'the date the family was attached to the programme' },
  claim_date: { title: 'Claim date', meaning: 'the date outcomes were measured at (the last day of the window unless set)' },
  problems_at_attachment: { title: 'Problems at attachment', meaning: 'headline problems the family had when attached (codes: see Codes below)' },
  problems_achieved: { title: 'Outcomes achieved', meaning: 'headline problems whose outcome is met at the claim date' },
  window: { title: 'Window', meaning: 'the claim window (calendar quarter)' },
  eligible: { title: 'Eligible', meaning: 'yes when the family met the attachment criteria (two or more headline problems)' },
  headline: { title: 'Headline', meaning: 'the headline problem the row is about (CLAIM: the claim as a whole; CE: continuous employment)' },
  code: { title: 'Code', meaning: 'the coded reason (see Codes below)' },
  reason: { title: 'Why', meaning: 'the reason in words' },
  claimed_in_window: { title: 'Claimed in', meaning: 'the window the family was already claimed in, if any' },
  draw_order: { title: 'Draw order', meaning: 'the order the seeded random draw picked the family: check in this order' },
  checked_by: { title: 'Checked by', meaning: 'for the auditor: who checked the family' },
  result: { title: 'Result', meaning: 'for the auditor: pass or fail (choose from the list); `tfpbr claim checked --file` reads it back' },
  notes: { title: 'Notes', meaning: 'for the auditor: anything worth recording' },
  person_ref: { title: 'Person ref', meaning: "the person's reference on the early-help list" },
  person_id: { title: 'Person id', meaning: 'the person tfpbr linked the record to (stable for the same inputs)' },
  rule_id: { title: 'Rule', meaning: 'the rule of the outcome plan the fact satisfies' },
  purpose: { title: 'Used for', meaning: 'attachment (the problem existed) or outcome (the outcome is met)' },
  source: { title: 'Source', meaning: 'the extract the record comes from' },
  source_file: { title: 'File', meaning: 'the input file the record was read from' },
  line: { title: 'Line', meaning: 'the line of the input file (the header is line 1)' },
  record_date: { title: 'Record date', meaning: 'the date on the record' },
  values: { title: 'Values', meaning: 'the values of the record the rule used' },
  file_sha256: { title: 'File sha256', meaning: 'the hash of the input file, to prove which file was used' },
  // Data quality, Rejected rows
  file: { title: 'File', meaning: 'the input file' },
  read: { title: 'Rows read', meaning: 'data rows in the file (loaded + rejected)' },
  loaded: { title: 'Loaded', meaning: 'rows loaded' },
  rejected: { title: 'Rejected', meaning: 'rows rejected, each with its reason in Rejected rows and rejects.csv' },
  rejected_share: { title: 'Rejected share', meaning: 'rejected rows as a share of rows read' },
  field: { title: 'Field', meaning: 'the canonical field the problem is in' },
  message: { title: 'Problem', meaning: 'what is wrong, in words (never the value itself)' },
  raw: { title: 'Raw values', meaning: 'the row as read (rejects.csv only)' },
  // Review
  pair_id: { title: 'Pair id', meaning: 'the two records, by fingerprint: keep it as it is, decisions are matched on it' },
  decision: { title: 'Decision', meaning: 'yours to fill in: accept (the same person) or reject (different people); blank leaves it undecided' },
  match_probability: { title: 'Match probability', meaning: 'how likely the linker thinks the two records are the same person' },
  match_weight: { title: 'Match weight', meaning: 'the evidence for a match in bits (log2 Bayes factor); the sum of the explanation' },
  left_name: { title: 'Name (left)', meaning: 'the left record\'s name' },
  right_name: { title: 'Name (right)', meaning: 'the right record\'s name' },
  left_dob: { title: 'Date of birth (left)', meaning: 'the left record\'s date of birth' },
  right_dob: { title: 'Date of birth (right)', meaning: 'the right record\'s date of birth' },
  left_postcode: { title: 'Postcode (left)', meaning: 'the left record\'s postcode' },
  right_postcode: { title: 'Postcode (right)', meaning: 'the right record\'s postcode' },
  left_identifiers: { title: 'Identifiers (left)', meaning: 'the left record\'s strong identifiers (UPN, NHS number…)' },
  right_identifiers: { title: 'Identifiers (right)', meaning: 'the right record\'s strong identifiers' },
  left_source: { title: 'Source (left)', meaning: 'the extract of the left record' },
  right_source: { title: 'Source (right)', meaning: 'the extract of the right record' },
  left_file: { title: 'File (left)', meaning: 'the input file of the left record' },
  right_file: { title: 'File (right)', meaning: 'the input file of the right record' },
  left_line: { title: 'Line (left)', meaning: 'the line of the left record' },
  right_line: { title: 'Line (right)', meaning: 'the line of the right record' },
  explanation: { title: 'Explanation', meaning: 'how the decision was made: the rule, or the weight each comparison added (comparison:level ±bits)' },
  // links.csv, identification.csv
  record_id: { title: 'Record id', meaning: "the record's own id in its source, when it has one" },
  method: { title: 'Method', meaning: 'deterministic (an identifier or exact rule), probabilistic (Fellegi–Sunter), clerical (a reviewer accepted it) or singleton (no link)' },
  household_id: { title: 'Household id', meaning: 'a household formed from addresses and parent-child links' },
  basis: { title: 'Formed by', meaning: 'uprn, address or parent-child' },
  members: { title: 'Members', meaning: 'people in the household' },
  children: { title: 'Children', meaning: 'children in the household' },
  problem_count: { title: 'Problems', meaning: 'how many headline problems the household has' },
  problems: { title: 'Problem codes', meaning: 'the headline problems' },
  latest_evidence: { title: 'Latest evidence', meaning: 'the most recent date among the problems' },
  person_ids: { title: 'Person ids', meaning: 'the people in the household' },
  names: { title: 'Names', meaning: 'the names of the people in the household, in person id order' },
};

/** The header an analyst reads for a canonical column name (the name itself, in words, when it has no entry). */
export function titleOf(key: string): string {
  const known = COLUMN_GLOSSARY[key]?.title;
  if (known) return known;
  const words = key.replace(/_/g, ' ');
  return /\//.test(key) ? key : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Codes that appear in the reports and what they mean. */
export const CODE_GLOSSARY: readonly { readonly code: string; readonly meaning: string }[] = [
  { code: 'SSP', meaning: 'significant and sustained progress: every problem the family had at attachment met its outcome (results payment)' },
  { code: 'CE', meaning: 'continuous employment: an adult of the family moved off benefits into continuous work (results payment)' },
  { code: 'CRIME_ASB', meaning: 'headline: crime or anti-social behaviour' },
  { code: 'EDUCATION', meaning: 'headline: poor school attendance or exclusion' },
  { code: 'CHILDREN_NEED_HELP', meaning: 'headline: children who need help (child in need, protection plan)' },
  { code: 'WORKLESSNESS', meaning: 'headline: worklessness or financial exclusion' },
  { code: 'DOMESTIC_ABUSE', meaning: 'headline: domestic abuse' },
  { code: 'HEALTH', meaning: 'headline: health problems' },
  { code: 'rule/threshold-missed', meaning: "the outcome's measure did not reach the plan's threshold (e.g. attendance below the target)" },
  { code: 'rule/data-missing', meaning: 'the extract the outcome needs was not supplied, so the outcome cannot be shown' },
  { code: 'rule/data-incomplete', meaning: 'the extract does not cover the whole measurement period' },
  { code: 'rule/not-eligible', meaning: 'the family did not meet the attachment criteria' },
  { code: 'rule/claim-before-attachment', meaning: 'the claim date is not after the attachment date' },
  { code: 'claim/already-claimed', meaning: 'the family was claimed for results in an earlier submitted window: a family is claimed once, ever' },
  { code: 'claim/not-eligible', meaning: 'the family was not eligible at attachment' },
  { code: 'claim/before-attachment', meaning: 'the claim date is not after the attachment date' },
  { code: 'claim/no-outcome', meaning: 'neither SSP nor CE is met at the claim date (the rows below give each unmet outcome)' },
  { code: 'claim/cap-reached', meaning: "the LA's allocation of results payments is used up" },
  { code: 'claim/verdict-changed', meaning: "a submitted claim is reproduced from the ledger, but this run's data give another route" },
  { code: 'claim/verdict-missing', meaning: "a submitted claim is reproduced from the ledger, but the family is not in this run's inputs" },
  { code: 'claim/window-submitted', meaning: 'the window was already submitted: its claims are reproduced, none added' },
];
