"""dlsnotes: forward and backward propagation in the notation of DLS course 1.

Columns are examples: ``X.shape == (n_x, m)``, ``W[l].shape == (n_l, n_{l-1})``.
"""

from ._engine import DIVERGENCE_RULES, DivergenceRules, DivergenceWatch
from ._validation import DivergenceError, MissingGradientError, PairingWarning
from .activations import ACTIVATIONS, Activation, get_activation, register_activation, unregister_activation
from .losses import (CANONICAL_PAIRS, LOSSES, Loss, get_loss, output_delta, pairing, register_loss,
                     unregister_loss)
from .model import (
    CostHistory,
    LayerCache,
    L_layer_model,
    L_model_backward,
    L_model_backward_with_regularization,
    L_model_forward,
    compute_cost,
    compute_cost_with_regularization,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    predict,
    update_parameters,
)
from .minibatch import random_mini_batches

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation", "register_activation", "unregister_activation",
    "LOSSES", "Loss", "get_loss", "register_loss", "unregister_loss", "CANONICAL_PAIRS", "pairing",
    "output_delta",
    "DivergenceError", "DivergenceRules", "DIVERGENCE_RULES", "DivergenceWatch",
    "MissingGradientError", "PairingWarning", "CostHistory", "LayerCache",
    "initialize_parameters_deep", "linear_forward", "linear_activation_forward",
    "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
    "L_model_backward", "update_parameters", "L_layer_model", "predict",
    "random_mini_batches", "compute_cost_with_regularization",
    "L_model_backward_with_regularization",
]
