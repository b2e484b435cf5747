// Types for run-in-child.mjs (plain JavaScript: the CLI's parent process loads no TypeScript).
/** The V8 flag the command's node runs with (decision 73). */
export const HEAP_GROWING: string;
export function commandHeapLimitMib(env?: NodeJS.ProcessEnv): number;
export function runInChild(options: { entry: URL | string; argv: string[]; stopGraceMs?: number }): Promise<number>;
export function filterAbortText(input: NodeJS.ReadableStream & { setEncoding(e: string): unknown; pause(): unknown; resume(): unknown },
  out: NodeJS.WritableStream, keepAll?: boolean): { flush(): void; sawHeapAbort(): boolean; midLine(): boolean };
