import type { ReactNode } from 'react';
import { useState } from 'react';
import { ClickPath } from '../components/ClickPath.js';
import { CopyList, CopyValue } from '../components/CopyValue.js';
import { Field } from '../components/Field.js';
import { StepFrame } from '../components/StepFrame.js';
import { PERMISSIONS, ROLE_CHECKLIST, ROLE_CLICK_PATH, ROLE_ID } from '../content/guide.js';
import { ROLE_CHECKLIST_IDS } from '../lib/steps.js';
import { problemOf, roleNameSchema } from '../lib/validators.js';
import { useWizard } from '../store/wizard-store.js';

function Tick({ id, children }: { id: string; children: ReactNode }) {
  const checked = useWizard((s) => s.draft.checklist[id] === true);
  const update = useWizard((s) => s.update);
  return (
    <label className="tick">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) =>
          update({ checklist: { ...useWizard.getState().draft.checklist, [id]: e.target.checked } })
        }
      />
      <span>{children}</span>
    </label>
  );
}

export function RoleStep() {
  const draft = useWizard((s) => s.draft);
  const update = useWizard((s) => s.update);
  const [roleError, setRoleError] = useState<string | null>(null);
  const ticked = ROLE_CHECKLIST_IDS.filter((id) => draft.checklist[id] === true).length;

  return (
    <StepFrame
      step="role"
      intro={
        <p>
          BitAgent needs its own security role in ConnectWise with just the rights it uses. Do this in
          ConnectWise, ticking each item here as you go.
        </p>
      }
    >
      <ol className="click-steps">
        <li>
          From the navigation menu, go to <ClickPath parts={ROLE_CLICK_PATH} /> (click the + sign).
        </li>
        <li>
          <p>Enter this Role ID and click Save:</p>
          <CopyList>
            <CopyValue label="Role ID" value={draft.roleName} />
          </CopyList>
          <Tick id={ROLE_CHECKLIST.created}>I created the role “{draft.roleName}” and saved it.</Tick>
        </li>
        <li>
          <p>
            Expand the relevant modules and set these levels. All permissions can remain “None” except for the
            following. Tick each row when it matches.
          </p>
          {PERMISSIONS.map((row) => (
            <div className="table-wrap" key={row.id}>
              <table className="permissions">
                <thead>
                  <tr>
                    <th scope="col">{row.module} Module</th>
                    <th scope="col">Add Level</th>
                    <th scope="col">Edit Level</th>
                    <th scope="col">Delete Level</th>
                    <th scope="col">Inquire Level</th>
                    <th scope="col">Done</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{row.fn}</th>
                    {(
                      [
                        ['add', row.add],
                        ['edit', row.edit],
                        ['delete', row.del],
                        ['inquire', row.inquire],
                      ] as const
                    ).map(([column, level]) => (
                      <td key={column} data-level={level}>
                        {level}
                      </td>
                    ))}
                    <td>
                      <Tick id={row.id}>
                        <span className="sr-only">
                          {row.fn} set: Add {row.add}, Edit {row.edit}, Delete {row.del}, Inquire{' '}
                          {row.inquire}
                        </span>
                      </Tick>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          ))}
          <Tick id={ROLE_CHECKLIST.everythingElseNone}>
            Everything else stays <strong>None</strong>.
          </Tick>
        </li>
        <li>
          Save the role.
          <Tick id={ROLE_CHECKLIST.saved}>I saved the role.</Tick>
        </li>
      </ol>
      <p className="progress-text" aria-live="polite">
        {ticked} of {ROLE_CHECKLIST_IDS.length} ticked.
      </p>

      <details className="details">
        <summary>I used a different Role ID</summary>
        <Field
          label="Role ID you created"
          error={roleError}
          hint={`The guide uses “${ROLE_ID}”. If yours differs, type it exactly here.`}
        >
          {(aria) => (
            <input
              {...aria}
              className="input"
              value={draft.roleName}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => update({ roleName: e.target.value })}
              onBlur={() => setRoleError(problemOf(roleNameSchema, draft.roleName))}
            />
          )}
        </Field>
      </details>
    </StepFrame>
  );
}
