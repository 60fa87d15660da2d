// Jest loads global setup outside its module system, so TypeScript comes through tsx here.
import { register } from 'tsx/esm/api';

register();
const { default: globalSetup } = await import('./global-setup.ts');
export default globalSetup;
