package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/action/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// timeouts.invoke, for every action: the timeouts library's block for
// actions, documented and checked as timeouts.read is (timeouts_read.go).

const defaultInvokeTimeout = 20 * time.Minute

func invokeTimeoutsBlock(context.Context) schema.Block {
	return schema.SingleNestedBlock{
		Attributes: map[string]schema.Attribute{
			"invoke": schema.StringAttribute{
				Optional: true,
				Description: fmt.Sprintf("Bounds the whole wait, retries included. Default `%s`. %s",
					formatMinutes(defaultInvokeTimeout), durationRule),
				Validators: []validator.String{positiveDuration{"timeouts.invoke"}},
			},
		},
		CustomType: timeouts.Type{ObjectType: types.ObjectType{AttrTypes: map[string]attr.Type{"invoke": types.StringType}}},
	}
}
