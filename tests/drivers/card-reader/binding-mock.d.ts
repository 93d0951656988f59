// @serialport/binding-mock 10 ships its types, but its package.json "exports" does not
// point at them, so TypeScript's bundler resolution cannot find them: the part used here.
declare module '@serialport/binding-mock' {
  import type { BindingInterface, BindingPortInterface } from '@serialport/bindings-interface';

  export interface MockPortBinding extends BindingPortInterface {
    emitData(data: Buffer | string): void;
    write(buffer: Buffer): Promise<void>;
    isOpen: boolean;
  }

  export const MockBinding: BindingInterface<MockPortBinding> & {
    reset(): void;
    createPort(path: string, options?: { echo?: boolean; record?: boolean }): void;
  };
}
