import { Module } from '@nestjs/common';
import { zeebeClientProvider } from './zeebe-client.provider.js';

/** Zeebe's management API client (null when ZEEBE_MANAGEMENT_URL is not set). */
@Module({ providers: [zeebeClientProvider], exports: [zeebeClientProvider] })
export class ZeebeModule {}
