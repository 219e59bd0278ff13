/** Whether the graph is loaded and the API can answer; what /health reports. */
export class Readiness {
  private state: { ready: false; reason: string } | { ready: true } = { ready: false, reason: 'the graph is loading' };

  get ready(): boolean {
    return this.state.ready;
  }

  get reason(): string | undefined {
    return this.state.ready ? undefined : this.state.reason;
  }

  markReady(): void {
    this.state = { ready: true };
  }

  markNotReady(reason: string): void {
    this.state = { ready: false, reason };
  }
}
