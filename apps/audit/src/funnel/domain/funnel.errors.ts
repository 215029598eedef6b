import { RekeyError } from '@rekey/problem-details';

/** Audit has recorded nothing about this wave: no plan, no launch, no journey. */
export class FunnelWaveUnknown extends RekeyError {
  constructor(waveId: string) {
    super('funnel.wave-unknown', `no funnel for wave ${waveId}`, {
      detail: 'Audit has recorded nothing about this wave.',
    });
  }
}
