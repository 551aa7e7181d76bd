// The part of the Step Functions context object aws-local-stepfunctions 3.0.0 leaves out: $$.State (Name,
// EnteredTime, RetryCount). The engine has no $$.State at all, so a Parameters path such as "$$.State.RetryCount"
// would fail every Task. Installing this fills it in from the engine's own bookkeeping: each run (the execution, and
// each Map iteration or Parallel branch, which run their states one at a time) gets its own State object, updated
// when the engine enters a state and when it retries one. Both happen synchronously just before the engine evaluates
// that state's Parameters, so the values are the ones Step Functions would give: RetryCount is 0 on the first
// attempt and counts every retry of the state, whichever retrier matched.
import { StateMachine } from 'aws-local-stepfunctions';

export function installStateContext() {
  const execute = StateMachine.prototype.execute;
  if (execute.withStateContext) {
    return;
  }
  StateMachine.prototype.execute = function executeWithStateContext(input, options, cleanupFn) {
    const state = {};
    const runOptions = options.runOptions ?? {};
    const context = { ...runOptions.context, State: state };
    const logger = options.eventLogger;
    const entered = logger.dispatchStateEnteredEvent.bind(logger);
    const retried = logger.dispatchStateRetriedEvent.bind(logger);
    logger.dispatchStateEnteredEvent = (stateName, ...rest) => {
      Object.assign(state, { Name: stateName, EnteredTime: new Date().toISOString(), RetryCount: 0 });
      return entered(stateName, ...rest);
    };
    logger.dispatchStateRetriedEvent = (...args) => {
      state.RetryCount += 1;
      return retried(...args);
    };
    return execute.call(this, input, { ...options, runOptions: { ...runOptions, context } }, cleanupFn);
  };
  StateMachine.prototype.execute.withStateContext = true;
}
