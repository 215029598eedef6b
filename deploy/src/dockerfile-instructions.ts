/**
 * Just enough of the Dockerfile grammar to inspect our own Dockerfile: comments and parser
 * directives, line continuations, and stages. Heredocs are not supported (ours has none).
 */
export interface DockerfileInstruction {
  /** Upper-cased, as Docker treats instructions case-insensitively. */
  keyword: string;
  arguments: string;
  line: number;
}

export interface DockerfileStage {
  name: string | undefined;
  baseImage: string;
  instructions: DockerfileInstruction[];
}

export function parseDockerfile(text: string): DockerfileInstruction[] {
  const instructions: DockerfileInstruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    // Comment lines are dropped even in the middle of a continued instruction, as Docker does.
    if (trimmed.startsWith('#')) return;
    if (trimmed === '' && pending === undefined) return;
    const continues = trimmed.endsWith('\\');
    const content = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { text: `${pending.text} ${content}`.trim(), line: pending.line }
      : { text: content, line: index + 1 };
    if (continues) return;
    if (pending.text !== '') instructions.push(toInstruction(pending.text, pending.line));
    pending = undefined;
  });
  if (pending) throw new Error(`line ${pending.line}: the last instruction ends with a continuation`);
  return instructions;
}

function toInstruction(text: string, line: number): DockerfileInstruction {
  const match = /^(\S+)\s*(.*)$/s.exec(text);
  if (!match) throw new Error(`line ${line}: not an instruction`);
  return { keyword: match[1]!.toUpperCase(), arguments: match[2]!.trim(), line };
}

/** Groups instructions by `FROM`; instructions before the first `FROM` (global `ARG`s) are left out. */
export function dockerfileStages(instructions: DockerfileInstruction[]): DockerfileStage[] {
  const stages: DockerfileStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const words = instruction.arguments.split(/\s+/).filter((word) => !word.startsWith('--'));
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS');
      stages.push({
        baseImage: words[0] ?? '',
        name: asIndex >= 0 ? words[asIndex + 1] : undefined,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The user the stage's process runs as: the last `USER`, or root when there is none. */
export function effectiveUser(stage: DockerfileStage): string {
  const users = stage.instructions.filter((instruction) => instruction.keyword === 'USER');
  return users.at(-1)?.arguments ?? 'root';
}

export function isRootUser(user: string): boolean {
  const name = user.split(':')[0]!.trim();
  return name === 'root' || name === '0' || name === '';
}

/** Parses an exec-form (JSON array) argument such as `CMD ["node", "main.js"]`. */
export function execFormArguments(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return undefined;
  return parsed as string[];
}
