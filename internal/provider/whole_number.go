package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// wholeNumberType is the type of every integer argument (CustomType of a
// schema.Int64Attribute). It is types.Int64's, except that a decimal such
// as `limit = 1.5` is an error naming the attribute, "must be a whole
// number", where the framework's own type fails to convert the value and
// asks the user to report a bug in the provider ("Value %!s(*big.Float=1.5)
// is not an integer").
type wholeNumberType struct{ basetypes.Int64Type }

var (
	_ basetypes.Int64Typable      = wholeNumberType{}
	_ xattr.ValidateableAttribute = wholeNumber{}
)

func (wholeNumberType) String() string { return "wholeNumberType" }

func (wholeNumberType) Equal(o attr.Type) bool {
	_, ok := o.(wholeNumberType)
	return ok
}

func (wholeNumberType) ValueType(context.Context) attr.Value { return wholeNumber{} }

func (wholeNumberType) ValueFromInt64(_ context.Context, v basetypes.Int64Value) (basetypes.Int64Valuable, diag.Diagnostics) {
	return wholeNumber{Int64Value: v}, nil
}

func (t wholeNumberType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	if in.IsKnown() && !in.IsNull() {
		var f *big.Float
		if err := in.As(&f); err == nil && f != nil {
			if _, accuracy := f.Int64(); accuracy != big.Exact { // a fraction, or beyond 64 bits
				// Kept for ValidateAttribute, which the framework calls next.
				return wholeNumber{Int64Value: basetypes.NewInt64Null(), notWhole: f.Text('g', -1)}, nil
			}
		}
	}
	v, err := t.Int64Type.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	n, ok := v.(basetypes.Int64Value)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return wholeNumber{Int64Value: n}, nil
}

// wholeNumber is an integer argument's value: types.Int64, or a number
// that is not a whole one (or beyond 64 bits), kept only to be refused.
type wholeNumber struct {
	basetypes.Int64Value
	notWhole string
}

func wholeNumberValue(n int64) wholeNumber {
	return wholeNumber{Int64Value: basetypes.NewInt64Value(n)}
}

func (wholeNumber) Type(context.Context) attr.Type { return wholeNumberType{} }

func (v wholeNumber) Equal(o attr.Value) bool {
	other, ok := o.(wholeNumber)
	return ok && v.notWhole == other.notWhole && v.Int64Value.Equal(other.Int64Value)
}

func (v wholeNumber) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.notWhole != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s must be a whole number, got %s.", req.Path, v.notWhole))
	}
}
