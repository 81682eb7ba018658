export default function MultiAssetStrategyBuilder() {
  return <div data-testid="MultiAssetStrategyBuilder">Builder coming.</div>;
}
