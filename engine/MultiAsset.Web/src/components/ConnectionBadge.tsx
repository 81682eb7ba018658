import { useLive } from '../state/live';

const LABELS: Record<string, string> = {
  connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', restarted: 'host restarted — resynced',
  unavailable: 'no stream — polling every 5 s', closed: 'closed',
};

export default function ConnectionBadge() {
  const { connection, connectionDetail, restarts } = useLive();
  const label = connection === 'live' && restarts > 0 ? 'live (host restarted, resynced)' : LABELS[connection] ?? connection;
  return (
    <span className={`badge conn-${connection}`} data-testid="connection-state" data-state={connection} title={connectionDetail}>
      ● {label}
    </span>
  );
}
