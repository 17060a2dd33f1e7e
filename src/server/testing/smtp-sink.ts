import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** What an SMTP sink took: the message as sent, and the addresses it was sent to. */
export interface SinkMessage {
  raw: string;
  to: string[];
}

export interface SmtpSink {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * An SMTP server on 127.0.0.1 (smtp-server, no TLS, no login) for tests and benchmarks. `refuse` may
 * answer an address with a reply code instead of accepting it; `onMessage` hears of each message
 * taken, before the sender is told it was.
 */
export async function startSmtpSink(
  options: { refuse?: (address: string) => { code: number; message: string } | null; onMessage?: (message: SinkMessage) => void } = {},
): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (refusal) {
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        options.onMessage?.({ raw: Buffer.concat(chunks).toString("utf8"), to: session.envelope.rcptTo.map((to) => to.address) });
        callback();
      });
    },
  });
  // A sender that goes away in the middle of a message (killed, in the crash test) is not the sink's
  // failure; anything else still is.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET" && error.code !== "EPIPE") throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
