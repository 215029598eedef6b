import { Module } from '@nestjs/common';
import { PgContactStore } from './adapters/pg-contact-store.adapter';
import { CONTACT_STORE } from './contact-store.port';
import { ContactsConsumer } from './contacts.consumer';

@Module({
  controllers: [ContactsConsumer],
  providers: [{ provide: CONTACT_STORE, useClass: PgContactStore }],
})
export class ContactsModule {}
