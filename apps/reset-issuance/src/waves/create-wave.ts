import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rekey/background';
import { createEvent, ResetWavePlannedV1, type EventActor } from '@rekey/contracts';
import { defineCohort, type CohortRequest } from './domain/cohort';
import type { WaveEnrolmentPolicy } from './domain/enrolment-policy';
import { planWave, type Wave } from './domain/wave';
import { wavePlanData, wavePolicyData } from './domain/wave-event-data';
import { CampaignNotFound } from './domain/wave.errors';
import { WAVE_STORE, type NewCampaign, type WaveStore } from './wave-store.port';

export interface CreateWaveCommand {
  name: string;
  campaignId?: string;
  cohort: CohortRequest;
  noticeAt: Date;
  startsAt: Date;
  cutoffAt: Date;
  pacePerSecond: number;
  linkLifetimeMinutes: number;
  enrolmentPolicy?: WaveEnrolmentPolicy;
  actor: EventActor;
}

/**
 * Plans a wave, in the campaign given or a new one named after it, and records who planned it.
 * Nothing is sent until launch.
 */
@Injectable()
export class CreateWave {
  constructor(
    @Inject(WAVE_STORE) private readonly waves: WaveStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateWaveCommand): Promise<Wave> {
    const now = this.clock.now();
    const { cohort, listedAccountIds } = defineCohort(command.cohort, () => this.clock.newId());
    const { campaignId, campaign } = await this.campaignFor(command, now);
    const wave = planWave(
      {
        name: command.name,
        cohort,
        noticeAt: command.noticeAt,
        startsAt: command.startsAt,
        cutoffAt: command.cutoffAt,
        pacePerSecond: command.pacePerSecond,
        linkLifetimeMinutes: command.linkLifetimeMinutes,
        ...(command.enrolmentPolicy ? { enrolmentPolicy: command.enrolmentPolicy } : {}),
      },
      { id: this.clock.newId(), campaignId },
      command.actor,
      now,
    );
    const planned = createEvent(
      ResetWavePlannedV1,
      { ...wavePlanData(wave), ...wavePolicyData(wave), plannedBy: command.actor },
      { source: 'reset-issuance', subject: wave.id },
      () => now,
    );
    await this.waves.create(wave, listedAccountIds, [planned], campaign);
    return wave;
  }

  private async campaignFor(
    command: CreateWaveCommand,
    now: Date,
  ): Promise<{ campaignId: string; campaign?: NewCampaign }> {
    if (command.campaignId) {
      if (!(await this.waves.campaignExists(command.campaignId)))
        throw new CampaignNotFound(command.campaignId);
      return { campaignId: command.campaignId };
    }
    const campaign = { id: this.clock.newId(), name: command.name, createdBy: command.actor, createdAt: now };
    return { campaignId: campaign.id, campaign };
  }
}
