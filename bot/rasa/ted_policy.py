"""Rasa's TEDPolicy, remembering the predictions it has made.

TED's prediction is a function of the dialogue's last states alone (the featurizer's window of
max_history turns: intents, slots, the active form, the last action; the text too when it was
trained end to end), and of the trained model. Tenants reporting repairs pass through the same
states again and again (the form asking for the location, then the phone number...), yet Rasa
featurises the states and runs the network for every prediction of every turn: a fifth of the
Rasa server's time under load (bench/README.md). Here a prediction is kept, keyed by those
states, and given again when they recur: the same probabilities the network would give.

Not kept: predictions that carry events (entities TED found in the text), so that no event is
shared by two conversations. A remembered prediction carries no diagnostic data (attention
weights, for `rasa interactive`).

    - name: bot.rasa.ted_policy.RememberingTEDPolicy
      max_history: 5
      ...
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa.core.featurizers.precomputation import MessageContainerForCoreFeaturization
from rasa.core.policies.policy import PolicyPrediction, SupportedData
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

# Distinct dialogue states remembered (least recently used forgotten first): a few hundred
# bytes each.
PREDICTIONS_REMEMBERED = 20_000


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True)
class RememberingTEDPolicy(TEDPolicy):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._remembered: "OrderedDict[str, Tuple[List[float], bool]]" = OrderedDict()

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        precomputations: Optional[MessageContainerForCoreFeaturization] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if self.model is None:
            return super().predict_action_probabilities(tracker, domain, rule_only_data, precomputations, **kwargs)
        key = self._states_key(tracker, domain, rule_only_data)
        remembered = self._remembered.get(key)
        if remembered is not None:
            self._remembered.move_to_end(key)
            probabilities, end_to_end = remembered
            return self._prediction(list(probabilities), is_end_to_end_prediction=end_to_end)
        prediction = super().predict_action_probabilities(tracker, domain, rule_only_data, precomputations, **kwargs)
        if not prediction.optional_events:
            self._remembered[key] = (list(prediction.probabilities), prediction.is_end_to_end_prediction)
            while len(self._remembered) > PREDICTIONS_REMEMBERED:
                self._remembered.popitem(last=False)
        return prediction

    def _states_key(
        self, tracker: DialogueStateTracker, domain: Domain, rule_only_data: Optional[Dict[Text, Any]]
    ) -> str:
        """The states TED featurises for this prediction (both of them when it also reads the
        last message's text), written out: equal keys, equal network input."""
        machine_learned = self.supported_data() == SupportedData.ML_DATA
        with_text = [self.only_e2e]
        if tracker.latest_action_name == ACTION_LISTEN_NAME and TEXT in self.fake_features and not self.only_e2e:
            with_text.append(True)
        return repr(
            [
                self.featurizer.prediction_states(
                    [tracker],
                    domain,
                    use_text_for_last_user_input=text,
                    ignore_rule_only_turns=machine_learned,
                    rule_only_data=rule_only_data,
                    ignore_action_unlikely_intent=machine_learned,
                )
                for text in with_text
            ]
        )
