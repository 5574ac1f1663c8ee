package io.aiemployee.operator.reconciler;

import io.aiemployee.operator.testing.OperatorHarness;

/** The nine scenarios on the Fabric8 mock API server (CRUD mode) with the kubelet simulator. */
class OperatorScenariosTest extends OperatorScenarios {

    @Override
    OperatorHarness newHarness(double speedup) {
        return OperatorHarness.onMockServer(speedup).startOperator();
    }
}
