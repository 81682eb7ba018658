import { Component, type ReactNode } from 'react';

/** One failing panel shows its error instead of blanking the page. */
export default class ErrorBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    if (this.state.error) {
      return (
        <section className="panel" data-testid={`error-${this.props.name}`}>
          <h2>{this.props.name}</h2>
          <p className="error">This panel failed to render: {this.state.error.message}</p>
          <button onClick={() => this.setState({ error: null })}>Retry</button>
        </section>
      );
    }
    return this.props.children;
  }
}
