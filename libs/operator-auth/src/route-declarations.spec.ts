import 'reflect-metadata';
import { Controller, Get, Module, Post, forwardRef, type DynamicModule } from '@nestjs/common';
import { controllersOf } from './module-controllers';
import { CustomerFacing, Public, RequireScopes } from './operator-auth.decorators';
import { declaredRoutesOf, undeclaredRoutes } from './route-declarations';

@Controller('operator/exports')
@RequireScopes('audit:read')
class ExportsController {
  @Get()
  list(): undefined {
    return undefined;
  }

  @Post(':id/replay')
  @RequireScopes('dlq:replay')
  replay(): undefined {
    return undefined;
  }

  @Get('status')
  @Public()
  status(): undefined {
    return undefined;
  }

  // Not a route: a helper method without a path.
  describe(): undefined {
    return undefined;
  }
}

@Controller('reports')
class ForgottenController {
  @Get(':id')
  one(): undefined {
    return undefined;
  }

  @Get('public-summary')
  @Public()
  summary(): undefined {
    return undefined;
  }
}

@Controller('reset')
@CustomerFacing()
class ConfusedController {
  @Post()
  @CustomerFacing()
  @RequireScopes('waves:write')
  both(): undefined {
    return undefined;
  }
}

describe('declaredRoutesOf', () => {
  it('names each HTTP route with the access it declares, a route mark replacing its controller one', () => {
    expect(declaredRoutesOf([ExportsController])).toEqual([
      {
        route: 'GET /operator/exports (ExportsController.list)',
        access: { kind: 'operator', scopes: ['audit:read'] },
      },
      {
        route: 'POST /operator/exports/:id/replay (ExportsController.replay)',
        access: { kind: 'operator', scopes: ['dlq:replay'] },
      },
      { route: 'GET /operator/exports/status (ExportsController.status)', access: { kind: 'public' } },
    ]);
  });
});

describe('undeclaredRoutes', () => {
  it('is empty when every route declares who may call it', () => {
    expect(undeclaredRoutes([ExportsController])).toEqual([]);
  });

  it('names a route that declares nothing, and no route that does', () => {
    expect(undeclaredRoutes([ForgottenController])).toEqual([
      'GET /reports/:id (ForgottenController.one): neither @Public(), @CustomerFacing() nor @RequireScopes()',
    ]);
  });

  it('names a route that declares two kinds of access', () => {
    expect(undeclaredRoutes([ConfusedController])).toEqual([
      'POST /reset (ConfusedController.both): both @CustomerFacing() and @RequireScopes()',
    ]);
  });
});

describe('controllersOf', () => {
  @Module({ controllers: [ForgottenController] })
  class ReportsModule {}

  @Module({ imports: [forwardRef(() => ReportsModule)], controllers: [ExportsController] })
  class ExportsModule {}

  it('finds controllers through imports, forward references and dynamic modules', () => {
    const dynamic: DynamicModule = {
      module: class RootModule {},
      imports: [ExportsModule, ReportsModule],
      controllers: [ConfusedController],
    };

    expect(new Set(controllersOf(dynamic))).toEqual(
      new Set([ConfusedController, ExportsController, ForgottenController]),
    );
  });

  it('refuses a module imported as a promise, whose routes it cannot see', () => {
    const dynamic = { module: class RootModule {}, imports: [Promise.resolve({ module: ReportsModule })] };

    expect(() => controllersOf(dynamic as DynamicModule)).toThrow(/promise/);
  });
});
