import 'reflect-metadata';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { CustomerFacing, RequireScopes } from '@rekey/operator-auth';
import { assertEveryRouteDeclaresAccess, serviceRoutesOf, UndeclaredRouteError } from './route-access-check';

@Controller('operator/exports')
@RequireScopes('audit:read')
class ExportsController {
  @Get()
  list(): undefined {
    return undefined;
  }
}

@Controller('reset')
class NewCustomerController {
  @Post('feedback')
  @CustomerFacing()
  feedback(): undefined {
    return undefined;
  }

  // Added later, its author forgot the mark.
  @Post('survey')
  survey(): undefined {
    return undefined;
  }
}

@Module({ controllers: [ExportsController] })
class DeclaredModule {}

@Module({ imports: [DeclaredModule], controllers: [NewCustomerController] })
class ForgetfulModule {}

describe('assertEveryRouteDeclaresAccess', () => {
  it('lets a service whose every route declares its access start', () => {
    expect(() => assertEveryRouteDeclaresAccess('audit', { module: DeclaredModule })).not.toThrow();
  });

  it('refuses to start a service with a route that declares nothing, naming the route', () => {
    let refusal: unknown;
    try {
      assertEveryRouteDeclaresAccess('audit', ForgetfulModule);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(UndeclaredRouteError);
    expect((refusal as UndeclaredRouteError).routes).toEqual([
      'POST /reset/survey (NewCustomerController.survey): neither @Public(), @CustomerFacing() nor @RequireScopes()',
    ]);
    expect((refusal as Error).message).toMatch(/^audit refuses to start: /);
  });
});

describe('serviceRoutesOf', () => {
  it("lists the runtime's health probes as public beside the service's own routes", () => {
    expect(serviceRoutesOf({ module: DeclaredModule })).toEqual([
      { route: 'GET /health/live (HealthController.live)', access: { kind: 'public' } },
      { route: 'GET /health/ready (HealthController.ready)', access: { kind: 'public' } },
      {
        route: 'GET /operator/exports (ExportsController.list)',
        access: { kind: 'operator', scopes: ['audit:read'] },
      },
    ]);
  });
});
