import type { AppInfo } from '../../common/app-info.js';
import type { PlatformPort } from '../platform/port.js';

export function readAppInfo(port: PlatformPort): AppInfo {
  return {
    name: port.appName,
    productName: port.productName,
    version: port.appVersion,
    platform: port.platform,
    runtime: port.runtime,
  };
}
