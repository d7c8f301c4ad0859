// Status and history enums of the user screens as data.
import type { UserEvent, UserStatus } from './api';

export const STATUS_COLOR: Record<UserStatus, string> = { active: 'green', disabled: 'orange', left: 'default' };
export const EVENT_COLOR: Record<UserEvent, string> = { join: 'green', move: 'blue', leave: 'default', disable: 'orange', enable: 'cyan', rejoin: 'green' };

/** Which status changes the page offers from each status. */
export const NEXT_STATUSES: Record<UserStatus, UserStatus[]> = {
  active: ['disabled', 'left'],
  disabled: ['active', 'left'],
  left: ['active'],
};
