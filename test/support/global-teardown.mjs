import { register } from 'tsx/esm/api';

register();
const { default: globalTeardown } = await import('./global-teardown.ts');
export default globalTeardown;
