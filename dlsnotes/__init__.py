"""dlsnotes: forward and backward propagation in the notation of DLS course 1.

Columns are examples: ``X.shape == (n_x, m)``, ``W[l].shape == (n_l, n_{l-1})``.
"""

from ._validation import DivergenceError, MissingGradientError, PairingWarning
from .activations import ACTIVATIONS, Activation, get_activation
from .losses import CANONICAL_PAIRS, LOSSES, Loss, get_loss, output_delta, pairing
from .model import (
    CostHistory,
    LayerCache,
    L_layer_model,
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    predict,
    update_parameters,
)
from .minibatch import random_mini_batches
from .regularization import L_model_backward_with_regularization, compute_cost_with_regularization

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation",
    "LOSSES", "Loss", "get_loss", "CANONICAL_PAIRS", "pairing", "output_delta",
    "DivergenceError", "MissingGradientError", "PairingWarning", "CostHistory", "LayerCache",
    "initialize_parameters_deep", "linear_forward", "linear_activation_forward",
    "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
    "L_model_backward", "update_parameters", "L_layer_model", "predict",
    "random_mini_batches", "compute_cost_with_regularization",
    "L_model_backward_with_regularization",
]
