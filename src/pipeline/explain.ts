import { parseWindow } from '../core/claims/parse-window.ts';
import { formatFamilyStory } from '../reporting/format-family-story.ts';
import { UsageError } from '../shared/errors.ts';
import { openStore } from '../store/open-store.ts';
import { readFamilyStory } from '../store/read-family-story.ts';
import { submissionOf } from '../store/review-decisions.ts';

/** `tfpbr explain`: a family's story from the workspace (read only: records no run). */
export async function explainFamily(dbPath: string, familyRef: string, window?: string): Promise<string> {
  const store = await openStore(dbPath);
  try {
    const claimDate = window ? submissionOf(store, window)?.claimDate ?? parseWindow(window).claimDate : undefined;
    const story = await readFamilyStory(store, familyRef, claimDate);
    if (!story) {
      throw new UsageError(`no evaluation of family ${familyRef}${window ? ` at ${window}'s claim date` : ''} in this workspace: check the reference, or run \`tfpbr evaluate\`/\`claim\`${window ? ` --window ${window}` : ''} first`);
    }
    return formatFamilyStory(familyRef, story);
  } finally { await store.close(); }
}
