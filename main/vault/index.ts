/**
 * The vault (issue 4): offline drafts and sealed secrets. Plain Node; Electron reaches it only through the
 * platform port (its keychain and its user-data folder).
 */
export { PRODUCTION_SCRYPT_COST, type ScryptCost } from './passphrase-crypto.js';
export {
  createVault,
  type SealedItem,
  type SubmissionInput,
  type Vault,
  type VaultOptions,
} from './vault.js';
