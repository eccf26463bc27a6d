/**
 * Secrets typed in a step live only in that field's component state. Before the wizard leaves a step it asks
 * every mounted secret field to send what it holds to the vault (secrets.set); a field that cannot (the vault
 * is locked, the value is not valid) answers false and the wizard stays where it is, so nothing typed is lost.
 */
type Commit = () => Promise<boolean>;

const commits = new Set<Commit>();

export function registerSecretCommit(commit: Commit): () => void {
  commits.add(commit);
  return () => {
    commits.delete(commit);
  };
}

export async function commitTypedSecrets(): Promise<boolean> {
  const results = await Promise.all([...commits].map((commit) => commit()));
  return results.every(Boolean);
}
