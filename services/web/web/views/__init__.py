"""Page routes, one mixin per area; ``web.service.WebService`` combines them."""
