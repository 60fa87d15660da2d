// The signal one outgoing request (MAX, web push) is sent with: aborted when its send timeout passes or when the
// dispatcher stops sending, whichever comes first.
//
// Not AbortSignal.any([AbortSignal.timeout(…), stop]): on Node 20 the combined signal holds
// the timeout signal only weakly, and once the collector has taken it the timeout never
// fires — a hung request then holds its lane for good. Here the timer is ours and cleared.

export interface SendSignal {
  signal: AbortSignal;
  /** Clears the timer and the stop listener; call when the request has settled. */
  done(): void;
}

export function sendSignal(timeoutMs: number, stop?: AbortSignal): SendSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('no answer within the send timeout', 'TimeoutError')), timeoutMs);
  const onStop = () => controller.abort(stop?.reason);
  if (stop?.aborted) onStop();
  else stop?.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      stop?.removeEventListener('abort', onStop);
    },
  };
}
