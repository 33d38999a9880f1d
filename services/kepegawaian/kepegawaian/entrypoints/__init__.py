"""kepegawaian's RPC entrypoints, one mixin per area (``service.KepegawaianService`` lists them)."""
