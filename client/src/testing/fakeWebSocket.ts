/**
 * A WebSocket for CaseRoom tests in jsdom that never connects: the test
 * closes it as the server would (`onclose`), and `opened` counts the
 * sockets made since the last reset. Install it with
 * `vi.stubGlobal('WebSocket', FakeWebSocket)`.
 */
export class FakeWebSocket {
  static opened = 0
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readyState = 0
  binaryType = 'arraybuffer'
  onopen: (() => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: (() => void) | null = null
  onmessage: (() => void) | null = null
  constructor(readonly url: string) {
    FakeWebSocket.opened++
  }
  addEventListener(): void {}
  removeEventListener(): void {}
  send(): void {}
  close(): void {
    this.readyState = 3
  }
}
