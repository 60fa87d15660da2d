// Runs Vestnik's parts in one process or split by role. Each part is a component with
// start/stop; other capabilities add theirs in components.ts.
import type { AppContext } from '../app/app-context.js';
import { buildComponents, type Role, type ServiceComponent } from './components.js';

export const ROLES = ['all', 'web', 'bot', 'worker'] as const;
export type { Role };

export interface RunningService {
  components: ServiceComponent[];
  /** The HTTP address when the web role runs. */
  url: string | undefined;
  stop(): Promise<void>;
}

export async function startService(ctx: AppContext, role: Role): Promise<RunningService> {
  const components = await buildComponents(ctx, role);
  const started: ServiceComponent[] = [];
  let url: string | undefined;
  const stop = async () => {
    // Reverse order: stop taking work before the things that work depends on.
    for (const component of [...started].reverse()) {
      try {
        await component.stop();
      } catch (error) {
        ctx.logger.error({ err: error, component: component.name }, 'component did not stop cleanly');
      }
    }
    started.length = 0;
  };
  try {
    for (const component of components) {
      const result = await component.start();
      if (result?.url) url = result.url;
      started.push(component);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { components: started, url, stop };
}
