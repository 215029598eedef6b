import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'account_hold' })
@Index('account_hold_one_active', ['legacyAccountId'], { unique: true, where: 'released_at IS NULL' })
export class AccountHoldEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'legacy_account_id' })
  legacyAccountId!: string;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'placed_by' })
  placedBy!: string;

  @Column('text', { name: 'placed_by_role' })
  placedByRole!: string;

  @Column('timestamptz', { name: 'placed_at' })
  placedAt!: Date;

  @Column('text', { name: 'released_by', nullable: true })
  releasedBy!: string | null;

  @Column('text', { name: 'released_by_role', nullable: true })
  releasedByRole!: string | null;

  @Column('timestamptz', { name: 'released_at', nullable: true })
  releasedAt!: Date | null;

  @Column('text', { name: 'release_note', nullable: true })
  releaseNote!: string | null;
}
