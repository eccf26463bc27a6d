/** Every step but the first: loaded just after the first step is interactive. */
export { BoardStep } from './BoardStep.js';
export { ClientIdStep } from './ClientIdStep.js';
export { MemberStep } from './MemberStep.js';
export { ReviewStep } from './ReviewStep.js';
export { RoleStep } from './RoleStep.js';
export { SiteStep } from './SiteStep.js';
export { ValidateStep } from './ValidateStep.js';
