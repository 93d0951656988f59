/**
 * The serial port as the readers use it, and the default opener on the `serialport`
 * package (loaded only when a real port is opened). Tests pass an opener built on
 * @serialport/binding-mock or on a simulator instead.
 */

export interface SerialLike {
  write(data: Buffer): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer) => void): unknown;
  close(callback?: (error?: Error | null) => void): unknown;
  readonly isOpen: boolean;
}

export type OpenPort = (path: string, baudRate: number) => Promise<SerialLike>;

/** Opens a real serial port (8N1), flushing whatever the device sent before. */
export const openSerialPort: OpenPort = async (path, baudRate) => {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  await new Promise<void>((resolve) => port.flush(() => resolve()));
  return port;
};

/** Closes a port, ignoring a port already gone. */
export function closePort(port: SerialLike): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) {
      resolve();
      return;
    }
    port.close(() => resolve());
  });
}
