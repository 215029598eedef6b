import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@rekey/background';
import { clientAddressOf, sessionCookie } from '@rekey/customer-web';
import { CustomerFacing } from '@rekey/operator-auth';
import { SERVICE_CONFIG } from '@rekey/service-runtime';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { AddPasskeyAfterSignIn } from './add-passkey-after-sign-in';
import { SignInPagesFilter } from './sign-in-pages.filter';
import { EnrollmentPagesFilter } from '../customer-web/enrollment-pages.filter';
import { sendPage, sendRedirect } from '../customer-web/enrollment-responses';
import { formFieldOf } from '../customer-web/form-body';
import { SignInBridgeEnded, SignInRateLimited, SignInRefused } from './domain/sign-in.errors';
import { accountPage } from './pages/account-page';
import { bridgeEndedPage, signInPage, tooManyAttemptsPage } from './pages/sign-in-page';
import { PasskeySignIn } from './passkey-sign-in';
import { PasswordSignIn } from './password-sign-in';
import { CurrentSignInAttempt, SIGN_IN_ATTEMPT_COOKIE, SignInAttemptGuard } from './sign-in-attempt.guard';
import { SignInSessions, type SignedIn } from './sign-in-sessions';
import {
  CurrentSignedIn,
  SIGNED_IN_COOKIE,
  SignedInSessionGuard,
  signedInSessionOf,
} from './signed-in-session.guard';
import { IssueRecoveryCodes } from '../recovery-codes/issue-recovery-codes';
import { recoveryCodesPage } from '../customer-web/pages/recovery-codes-page';
import type { SignedInSession } from './sign-in-store.port';
import { SIGN_IN_STORE, type SignInAttempt, type SignInStore } from './sign-in-store.port';
import type { SignInConfig } from './sign-in.environment';

const REFUSED = new SignInRefused().detail!;

/** The edge of sign-in: cookies and pages around the two use cases. */
abstract class SignInEdge {
  protected readonly secure: boolean;

  constructor(protected readonly config: SignInConfig) {
    this.secure = new URL(config.ENROLLMENT_BASE_URL).protocol === 'https:';
  }

  protected signedInCookie(signedIn: SignedIn): string {
    return sessionCookie(SIGNED_IN_COOKIE, signedIn.sessionToken, {
      path: '/',
      secure: this.secure,
      maxAgeSeconds: signedIn.maxAgeSeconds,
    });
  }

  protected addressOf(request: IncomingMessage): string {
    return clientAddressOf(request, this.config.TRUST_PROXY);
  }
}

/** GET /sign-in, the password form's POST and the account page. */
@ApiExcludeController()
@Controller()
@CustomerFacing()
@UseFilters(EnrollmentPagesFilter, SignInPagesFilter)
export class SignInPagesController extends SignInEdge {
  constructor(
    @Inject(SIGN_IN_STORE) private readonly store: SignInStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    private readonly sessions: SignInSessions,
    private readonly passwordSignIn: PasswordSignIn,
    private readonly issueRecoveryCodes: IssueRecoveryCodes,
  ) {
    super(config);
  }

  @Get('sign-in')
  page(@Res() response: ServerResponse) {
    return this.openAttempt(response, 'code');
  }

  @Get('sign-in/recovery')
  recoveryPage(@Res() response: ServerResponse) {
    return this.openAttempt(response, 'recovery');
  }

  private async openAttempt(response: ServerResponse, route: 'code' | 'recovery') {
    const { token, attempt } = this.sessions.newAttempt();
    await this.store.saveAttempt(attempt);
    sendPage(response, signInPage(attempt.csrfToken, undefined, 200, route), {
      'Set-Cookie': sessionCookie(SIGN_IN_ATTEMPT_COOKIE, token, {
        path: '/sign-in',
        secure: this.secure,
        maxAgeSeconds: this.sessions.attemptSeconds,
      }),
    });
  }

  @Post('sign-in/password')
  @UseGuards(SignInAttemptGuard)
  async password(
    @CurrentSignInAttempt() attempt: SignInAttempt,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ) {
    const [account, password, code, recoveryCode] = ['account', 'password', 'code', 'recoveryCode'].map(
      (name) => formFieldOf(body, name),
    );
    const route = recoveryCode === undefined ? 'code' : 'recovery';
    const refusedPage = (status: number) => signInPage(attempt.csrfToken, REFUSED, status, route);
    if (
      typeof account !== 'string' ||
      typeof password !== 'string' ||
      [code, recoveryCode].some((value) => value !== undefined && typeof value !== 'string')
    ) {
      return sendPage(response, refusedPage(400));
    }
    try {
      const signedIn = await this.passwordSignIn.execute(
        {
          account: account.trim(),
          password,
          ...(typeof code === 'string' && code.trim() ? { code } : {}),
          ...(typeof recoveryCode === 'string' && recoveryCode.trim() ? { recoveryCode } : {}),
        },
        this.addressOf(request),
      );
      sendRedirect(response, '/account', { 'Set-Cookie': this.signedInCookie(signedIn) });
    } catch (error) {
      if (error instanceof SignInRefused) return sendPage(response, refusedPage(401));
      if (error instanceof SignInBridgeEnded) return sendPage(response, bridgeEndedPage());
      if (error instanceof SignInRateLimited) {
        return sendPage(response, tooManyAttemptsPage(), { 'Retry-After': String(error.retryAfterSeconds) });
      }
      throw error;
    }
  }

  @Get('account')
  async account(@Req() request: IncomingMessage, @Res() response: ServerResponse) {
    const now = this.clock.now();
    const session = await signedInSessionOf(request, this.store, now);
    if (!session) return sendRedirect(response, '/sign-in');
    sendPage(response, accountPage(session, now));
  }

  /** After a sign-in, a new set of recovery codes, shown once; the old set stops working. */
  @Post('account/recovery-codes')
  @UseGuards(SignedInSessionGuard)
  async newRecoveryCodes(@CurrentSignedIn() session: SignedInSession, @Res() response: ServerResponse) {
    const codes = await this.issueRecoveryCodes.execute(session);
    sendPage(response, recoveryCodesPage(codes, '/account'));
  }
}

/** The passkey calls of the sign-in page's script: JSON, refusals as problem+json. */
@ApiExcludeController()
@Controller('sign-in/passkey')
@CustomerFacing()
@UseGuards(SignInAttemptGuard)
export class PasskeySignInController extends SignInEdge {
  constructor(
    @Inject(SERVICE_CONFIG) config: SignInConfig,
    private readonly passkeySignIn: PasskeySignIn,
  ) {
    super(config);
  }

  @Post('options')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  options(@CurrentSignInAttempt() attempt: SignInAttempt): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.passkeySignIn.options(attempt);
  }

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async finish(
    @CurrentSignInAttempt() attempt: SignInAttempt,
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<{ location: string }> {
    const signedIn = await this.passkeySignIn.finish(attempt, body, this.addressOf(request));
    response.setHeader('Set-Cookie', this.signedInCookie(signedIn));
    return { location: '/account' };
  }
}

/** The account page's passkey calls: a signed-in customer adds a passkey. */
@ApiExcludeController()
@Controller('account/passkey')
@CustomerFacing()
@UseGuards(SignedInSessionGuard)
export class AccountPasskeyController {
  constructor(private readonly addPasskey: AddPasskeyAfterSignIn) {}

  @Post('options')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  options(@CurrentSignedIn() session: SignedInSession): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return this.addPasskey.options(session);
  }

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  finish(@CurrentSignedIn() session: SignedInSession, @Body() body: unknown): Promise<{ location: string }> {
    return this.addPasskey.finish(session, body);
  }
}
