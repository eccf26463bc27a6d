/** A ConnectWise menu path, "System > Security Roles > +", read as such. */
export function ClickPath({ parts }: { parts: readonly string[] }) {
  return (
    <span className="click-path">
      {parts.map((part, i) => (
        <span key={parts.slice(0, i + 1).join(' > ')}>
          {i > 0 && <span className="click-sep"> &gt; </span>}
          <kbd className="click-part">{part}</kbd>
        </span>
      ))}
    </span>
  );
}
