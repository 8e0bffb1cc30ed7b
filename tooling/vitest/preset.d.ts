import type { TestProjectInlineConfiguration, UserWorkspaceConfig } from 'vitest/config';

/** A vitest project for one workspace package. */
export function mlpyProject(
  name: string,
  extra?: TestProjectInlineConfiguration['test'],
): UserWorkspaceConfig;
