import { ASSET_CLASSES, type AssetClass } from '../../api/types';

export default function AssetClassSelector({ value, onChange }: { value: AssetClass[]; onChange: (v: AssetClass[]) => void }) {
  return (
    <section className="panel" data-testid="AssetClassSelector">
      <h2>Asset classes</h2>
      <div className="row">
        {ASSET_CLASSES.map((c) => (
          <label key={c}>
            <input type="checkbox" data-testid={`asset-class-${c}`} checked={value.includes(c)}
              onChange={(e) => onChange(e.target.checked ? ASSET_CLASSES.filter((x) => x === c || value.includes(x)) : value.filter((x) => x !== c))} />
            {c}
          </label>
        ))}
      </div>
    </section>
  );
}
